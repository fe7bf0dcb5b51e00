"""Objections (异议) from a notice's page: the form only while the notice is open, stored
against the zh-hans notice from either script's page, refused with Chinese messages that
keep what was typed, guarded by a honeypot and rate limits per address (429), and, after
the period, the number received and the published outcomes; never the objector."""

import datetime
import re
import socket
import unittest
import uuid

from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from disclosure.factories import NoticePageFactory
from disclosure.models import Objection
from tests.disclosure.objection_helpers import after, objection_data, on_day, reference_in
from tests.orgs.world import twin
from tests.shared_world import WorldTestCase

FORM = 'class="objection-form"'


class ObjectionTestCase(WorldTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.notices = cls.world["notices"]
        cls.open = cls.notices["change"]  # in its period: started two days ago, 7 days

    def post(self, page, address="192.0.2.10", follow=False, **fields):
        return self.client.post(
            page.url, objection_data(**fields), REMOTE_ADDR=address, follow=follow
        )

    def html(self, page, **extra):
        response = self.client.get(page.url, **extra)
        self.assertEqual(response.status_code, 200, page.url)
        return response.content.decode()


class FormTests(ObjectionTestCase):
    def test_the_form_is_on_the_page_only_while_the_notice_is_open(self):
        for page in (self.open, twin(self.open)):
            with self.subTest(page.url):
                content = self.html(page)
                self.assertIn(FORM, content)
                self.assertIn('name="csrfmiddlewaretoken"', content)
                self.assertRegex(content, r'<form class="objection-form" method="post" action="')
                for name in ("content", "name", "phone", "email", "website"):
                    self.assertIn(f'name="{name}"', content)
        self.assertIn("异议内容", self.html(self.open))
        self.assertIn("異議內容", self.html(twin(self.open)))
        for key in ("exit", "filing", "revocation"):  # upcoming, ended, ended
            for page in (self.notices[key], twin(self.notices[key])):
                with self.subTest(page.url):
                    self.assertNotIn(FORM, self.html(page))
        # The same notice, on the days around its period.
        for day, shown in (
            (self.open.starts_on - datetime.timedelta(days=1), False),
            (self.open.starts_on, True),
            (self.open.ends_on, True),
            (self.open.ends_on + datetime.timedelta(days=1), False),
        ):
            with self.subTest(day=day), on_day(day):
                self.assertEqual(FORM in self.html(self.open), shown)

    def test_an_objection_is_stored_against_the_zh_hans_notice_from_both_scripts(self):
        received = {}
        for page, content, thanks in (
            (self.open, "负责人变更未经成员大会表决。", "您的异议已收到"),
            (twin(self.open), "負責人變更未經成員大會表決。", "您的異議已收到"),
        ):
            with self.subTest(page.url):
                response = self.post(page, content=content, email="wang@example.org")
                self.assertEqual(response.status_code, 302)
                self.assertEqual(response["Location"], page.url + "#objection")
                page_after = self.client.get(response["Location"]).content.decode()
                self.assertIn(thanks, page_after)
                reference = reference_in(page_after)
                self.assertTrue(reference, page_after)
                received[reference] = content
                # The message is shown once (post/redirect/get).
                self.assertNotIn(reference, self.html(page))
        self.assertEqual(Objection.objects.count(), 2)
        for objection in Objection.objects.all():
            self.assertEqual(objection.notice_id, self.open.pk)  # the zh-hans source
            # Stored as typed: the traditional one stays in traditional script.
            self.assertEqual(objection.content, received[objection.reference])
            self.assertEqual(
                (objection.name, objection.phone, objection.email),
                ("王秀兰", "027-87001234", "wang@example.org"),
            )
            self.assertTrue(objection.awaiting_outcome)

    def test_the_form_needs_its_csrf_token(self):
        browser = Client(enforce_csrf_checks=True)
        response = browser.post(self.open.url, objection_data(), REMOTE_ADDR="192.0.2.11")
        self.assertEqual(response.status_code, 403)
        content = browser.get(self.open.url).content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1)
        response = browser.post(
            self.open.url,
            {**objection_data(), "csrfmiddlewaretoken": token},
            REMOTE_ADDR="192.0.2.11",
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Objection.objects.count(), 1)

    def test_refused_input_comes_back_with_chinese_messages_and_what_was_typed(self):
        for page, messages in (
            (self.open, ["请填写异议内容。", "请留下联系电话或电子邮箱"]),
            (twin(self.open), ["請填寫異議內容。", "請留下聯繫電話或電子郵箱"]),
        ):
            with self.subTest(page.url):
                response = self.post(page, content="", name="张三", phone="")
                self.assertEqual(response.status_code, 200)
                content = response.content.decode()
                for message in messages:
                    self.assertIn(message, content)
                self.assertIn('value="张三"', content)
                self.assertIn('aria-invalid="true"', content)
                self.assertIn('role="alert"', content)
        response = self.post(
            self.open, content="请核实。" * 10, phone="abc", email="not-an-address"
        )
        content = response.content.decode()
        self.assertIn("请填写正确的联系电话", content)
        self.assertIn("请填写正确的电子邮箱地址", content)
        self.assertIn("请核实。" * 10, content)  # the textarea keeps it
        response = self.post(self.open, email="a" * 250 + "@example.org")
        self.assertIn("请填写正确的电子邮箱地址", response.content.decode())
        response = self.post(self.open, content="长" * 2001)
        self.assertIn("请将异议内容控制在 2000 字以内（现有 2001 字）", response.content.decode())
        self.assertEqual(Objection.objects.count(), 0)

    def test_the_honeypot_refuses_with_a_message_a_person_can_act_on(self):
        """Refused, not silently dropped: a browser's autofill may fill the hidden field,
        and the person must not be told an objection was received when it was not."""
        content = self.html(self.open)
        self.assertRegex(
            content,
            r'<div class="objection-form__trap">\s*<label for="id_website">请勿填写此栏</label>'
            r'<input type="text" name="website" autocomplete="off" tabindex="-1"',
        )
        response = self.post(self.open, website="http://spam.example")
        self.assertEqual(response.status_code, 200)
        self.assertIn("请清空“请勿填写此栏”一栏", response.content.decode())
        self.assertEqual(Objection.objects.count(), 0)

    def test_outside_its_period_a_notice_receives_no_objection(self):
        for key in ("exit", "filing"):
            with self.subTest(key):
                response = self.post(self.notices[key])
                self.assertEqual(response.status_code, 403)
                self.assertIn("您的异议未被受理", response.content.decode())
        with after(self.open):
            self.assertEqual(self.post(twin(self.open)).status_code, 403)
        self.assertEqual(Objection.objects.count(), 0)

    def test_other_methods_are_not_allowed(self):
        self.assertEqual(self.client.put(self.open.url).status_code, 405)
        self.assertEqual(self.client.delete(self.open.url).status_code, 405)


@override_settings(OBJECTION_RATE_LIMIT="3/hour", OBJECTION_NOTICE_RATE_LIMIT="2/hour")
class RateLimitTests(ObjectionTestCase):
    def test_past_the_limit_for_a_notice_the_answer_is_429_with_retry_after(self):
        # The limit per notice counts both scripts' pages: one zh-hans notice.
        self.assertEqual(self.post(self.open).status_code, 302)
        self.assertEqual(self.post(twin(self.open)).status_code, 302)
        for page, message in (
            (self.open, "提交过于频繁"),
            (twin(self.open), "提交過於頻繁"),
        ):
            with self.subTest(page.url):
                response = self.post(page, content="第三条异议，请保留。")
                self.assertEqual(response.status_code, 429)
                wait = int(response["Retry-After"])
                self.assertTrue(1 <= wait <= 3600, wait)
                content = response.content.decode()
                self.assertIn(message, content)
                self.assertIn("第三条异议，请保留。", content)  # kept to send again
        self.assertEqual(Objection.objects.count(), 2)
        # Another address is not affected.
        self.assertEqual(self.post(self.open, address="192.0.2.99").status_code, 302)

    def test_the_limit_per_address_counts_every_notice_and_a_forged_header_does_not_escape_it(
        self,
    ):
        second = NoticePageFactory(
            parent=self.world["sections"]["notices"],
            title="关于茶港社区墨香书画社备案的公示",
            slug="filing-moxiang",
            kind="filing",
            starts_on=self.open.starts_on,
            ends_on=self.open.ends_on,
        )
        second.save_revision().publish()
        self.assertEqual(self.post(self.open).status_code, 302)
        self.assertEqual(self.post(second).status_code, 302)
        self.assertEqual(self.post(twin(second)).status_code, 302)
        response = self.client.post(
            self.open.url,
            objection_data(),
            REMOTE_ADDR="192.0.2.10",
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
        self.assertEqual(response.status_code, 429)
        self.assertEqual(Objection.objects.count(), 3)

    def test_the_honeypot_counts_towards_the_limit_and_refused_forms_do_not(self):
        for _ in range(3):
            self.assertEqual(self.post(self.open, content="").status_code, 200)
        self.assertEqual(self.post(self.open, website="x").status_code, 200)
        self.assertEqual(self.post(self.open, website="x").status_code, 200)
        self.assertEqual(self.post(self.open).status_code, 429)

    @override_settings(NUM_PROXIES=1)
    def test_behind_a_proxy_the_address_it_forwarded_counts(self):
        def post(forwarded):
            return self.client.post(
                self.open.url,
                objection_data(),
                REMOTE_ADDR="10.0.0.1",
                HTTP_X_FORWARDED_FOR=forwarded,
            )

        self.assertEqual(post("198.51.100.1").status_code, 302)
        self.assertEqual(post("1.2.3.4, 198.51.100.1").status_code, 302)
        self.assertEqual(post("5.6.7.8, 198.51.100.1").status_code, 429)
        self.assertEqual(post("198.51.100.2").status_code, 302)


class AfterThePeriodTests(ObjectionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        source = cls.open
        cls.published = Objection.objects.create(
            notice=source,
            reference="20260301-AAAAA",
            content="异议内容甲：不应公开。",
            name="异议人甲",
            phone="13900000001",
            outcome="经核实，变更已经成员大会表决通过，异议不成立。",
            outcome_public=True,
        )
        cls.private = Objection.objects.create(
            notice=source,
            reference="20260301-BBBBB",
            content="异议内容乙：不应公开。",
            name="异议人乙",
            email="yi@example.org",
            outcome="已电话答复异议人。",
        )
        cls.waiting = Objection.objects.create(
            notice=source,
            reference="20260301-CCCCC",
            content="异议内容丙：不应公开。",
            name="异议人丙",
            phone="13900000003",
        )

    def test_during_the_period_nothing_about_objections_is_shown(self):
        for page in (self.open, twin(self.open)):
            content = self.html(page)
            for text in ("20260301-AAAAA", "异议不成立", "异議不成立", "收到 3 条", "收到 3 條"):
                self.assertNotIn(text, content)

    def test_after_the_period_the_count_and_the_published_outcomes_are_shown(self):
        with after(self.open):
            for page, count, outcome in (
                (self.open, "公示期内通过本站共收到 3 条异议。", "异议不成立"),
                (twin(self.open), "公示期內通過本站共收到 3 條異議。", "異議不成立"),
            ):
                with self.subTest(page.url):
                    content = self.html(page)
                    self.assertIn(count, content)
                    self.assertIn("20260301-AAAAA", content)
                    self.assertIn(outcome, content)  # in the reader's script
                    for hidden in ("20260301-BBBBB", "已电话答复", "已電話答覆", "20260301-CCCCC"):
                        self.assertNotIn(hidden, content)
                    for objection in (self.published, self.private, self.waiting):
                        for private in (objection.content, objection.name):
                            self.assertNotIn(private, content)
                    for contact in ("13900000001", "yi@example.org", "13900000003"):
                        self.assertNotIn(contact, content)

    def test_the_page_reads_its_objections_in_one_query_whatever_their_number(self):
        def queries():
            with after(self.open), CaptureQueriesContext(connection) as context:
                self.html(self.open)
            return len(context.captured_queries)

        self.html(self.open)  # warm Wagtail's site-root cache
        few = queries()
        for number in range(10):
            Objection.objects.create(
                notice=self.open,
                reference=f"20260302-{number}AAAA",
                content="又一条异议。",
                name="某",
                phone="1234567",
                outcome="已答复。",
                outcome_public=True,
            )
        self.assertEqual(queries(), few)

    def test_a_notice_without_objections_says_so_after_its_period(self):
        content = self.html(self.notices["filing"])
        self.assertIn("公示期内本站未收到异议。", content)


def test_reference_numbers_are_dated_and_unambiguous():
    from disclosure.objections import new_reference

    references = {new_reference(datetime.date(2026, 3, 12)) for _ in range(200)}
    assert len(references) > 190
    for reference in references:
        assert re.fullmatch(r"20260312-[2-9A-HJ-NP-Z]{5}", reference)


def redis_reachable():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


@unittest.skipUnless(redis_reachable(), "no Redis server on 127.0.0.1:6379")
@override_settings(OBJECTION_RATE_LIMIT="5/hour", OBJECTION_NOTICE_RATE_LIMIT="2/hour")
class RedisRateLimitTests(ObjectionTestCase):
    """With REDIS_URL (production) the counts are in Redis, shared by every worker process,
    under keys that hold no client address."""

    def test_the_counts_live_in_redis(self):
        import redis

        prefix = f"test-objections-{uuid.uuid4().hex}"
        location = "redis://127.0.0.1:6379/0"
        caches = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": location,
                "KEY_PREFIX": prefix,
            }
        }
        other_worker = redis.Redis.from_url(location)
        try:
            with self.settings(CACHES=caches):
                self.assertEqual(self.post(self.open, address="192.0.2.77").status_code, 302)
                self.assertEqual(self.post(self.open, address="192.0.2.77").status_code, 302)
                self.assertEqual(self.post(self.open, address="192.0.2.77").status_code, 429)
                keys = [key.decode() for key in other_worker.keys(f"{prefix}:*")]
                self.assertEqual(len([key for key in keys if ":rate:objection" in key]), 2)
                for key in keys:
                    self.assertNotIn("192.0.2.77", key)
                    self.assertNotIn(b"192.0.2.77", other_worker.dump(key) or b"")
                # Another worker forgets the counts: this one accepts again.
                other_worker.delete(*keys)
                self.assertEqual(self.post(self.open, address="192.0.2.77").status_code, 302)
        finally:
            keys = other_worker.keys(f"{prefix}:*")
            if keys:
                other_worker.delete(*keys)
            other_worker.close()
