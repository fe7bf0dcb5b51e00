from django.core.exceptions import ValidationError

import pytest

from orgs.factories import OrganizationPageFactory, credit_code
from orgs.models import OrganizationPage
from orgs.validators import validate_credit_code
from taxonomy.models import Region
from tests.utils import region_tree, site_sections

pytestmark = pytest.mark.django_db

VALID_CODE = credit_code(1)


def test_credit_code_helper_makes_valid_codes():
    validate_credit_code(VALID_CODE)  # raises if the check character were wrong


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("5242010612345", "应为18位"),
        ("A2420106MJ0000001X", "格式不正确"),
        ("52420106MJ000000IX", "格式不正确"),  # I is not in the GB 32100 alphabet
    ],
)
def test_credit_code_rejects_bad_shapes(code, message):
    with pytest.raises(ValidationError) as error:
        validate_credit_code(code)
    assert message in error.value.messages[0]


def test_credit_code_rejects_wrong_check_character_and_names_the_right_one():
    wrong = VALID_CODE[:-1] + ("0" if VALID_CODE[-1] != "0" else "1")
    with pytest.raises(ValidationError) as error:
        validate_credit_code(wrong)
    assert "校验位不正确" in error.value.messages[0]
    assert f"“{VALID_CODE[-1]}”" in error.value.messages[0]


def test_credit_code_is_normalised_before_checking():
    spaced = " ".join([VALID_CODE[:8], VALID_CODE[8:]]).lower()
    validate_credit_code(spaced)


@pytest.fixture
def sections():
    return site_sections()


@pytest.fixture
def regions():
    return region_tree()


def build(sections, regions, **fields):
    """An unsaved organization under the directory, ready for full_clean()."""
    from taxonomy.factories import CategoryFactory

    page = OrganizationPage(
        title=fields.pop("title", "测试组织"),
        slug=fields.pop("slug", "test-org"),
        category=CategoryFactory(),
        region=regions["dongting"],
        leader_name="李明",
        locale=sections["orgs"].locale,
        path="00010001ZZZZ",
        depth=4,
        **fields,
    )
    return page


def errors_of(page):
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    return error.value.message_dict


def test_registered_organization_needs_a_valid_credit_code(sections, regions):
    page = build(sections, regions, management="registered", filed_on=None)
    assert "必须填写统一社会信用代码" in errors_of(page)["credit_code"][0]
    page.credit_code = VALID_CODE[:-1] + "0" if VALID_CODE[-1] != "0" else VALID_CODE[:-1] + "1"
    assert "校验位不正确" in errors_of(page)["credit_code"][0]


def test_only_registered_organizations_have_a_credit_code(sections, regions):
    page = build(sections, regions, management="community", credit_code=VALID_CODE)
    assert "只有依法登记的组织" in errors_of(page)["credit_code"][0]


def test_filed_organization_needs_number_and_date(sections, regions):
    page = build(sections, regions, management="filed")
    errors = errors_of(page)
    assert errors["filing_number"] == ["街道备案的组织必须填写备案编号。"]
    assert errors["filed_on"] == ["街道备案的组织必须填写备案日期。"]


def test_credit_code_is_unique_within_a_locale(sections, regions):
    OrganizationPageFactory(
        parent=sections["orgs"],
        title="已有组织",
        management="registered",
        credit_code=VALID_CODE,
        filing_number="",
        region=regions["dongting"],
    )
    page = build(sections, regions, management="registered", credit_code=VALID_CODE.lower())
    assert errors_of(page)["credit_code"] == [f"统一社会信用代码 {VALID_CODE} 已被“已有组织”使用。"]


def test_filing_number_is_unique_within_a_locale(sections, regions):
    OrganizationPageFactory(
        parent=sections["orgs"], title="先备案的组织", filing_number="水街备字〔2024〕第001号"
    )
    page = build(
        sections,
        regions,
        management="filed",
        filing_number=" 水街备字〔2024〕第001号 ",
        filed_on="2024-05-01",
    )
    assert errors_of(page)["filing_number"] == [
        "备案编号 水街备字〔2024〕第001号 已被“先备案的组织”使用。"
    ]


def test_a_saved_organization_does_not_clash_with_itself(sections, regions):
    org = OrganizationPageFactory(
        parent=sections["orgs"], management="registered", credit_code=VALID_CODE, filing_number=""
    )
    org.full_clean()  # no error
    org.title = "改名后的组织"
    org.save_revision().publish()


def test_filing_date_not_before_founding(sections, regions):
    page = build(
        sections,
        regions,
        management="filed",
        filing_number="x1",
        filed_on="2020-01-01",
        founded_on="2021-01-01",
    )
    assert errors_of(page)["filed_on"] == ["备案日期不能早于成立日期。"]


class TestRegionRules:
    def test_region_levels_and_codes_must_fit_the_tree(self, regions):
        street = Region(
            name="新街道", code="999999001", level=Region.Level.STREET, parent=regions["wuchang"]
        )
        street.locale = regions["wuchang"].locale
        with pytest.raises(ValidationError) as error:
            street.full_clean()
        assert error.value.message_dict["code"] == ["区划代码应以上级区域的代码 420106 开头。"]

        community = Region(
            name="新社区",
            code="420106001009",
            level=Region.Level.COMMUNITY,
            parent=regions["wuchang"],
            locale=regions["wuchang"].locale,
        )
        with pytest.raises(ValidationError) as error:
            community.full_clean()
        assert error.value.message_dict["parent"] == ["社区(村)的上级应为街道(乡镇)。"]

        district = Region(
            name="新区", code="4201", level=Region.Level.DISTRICT, locale=regions["wuchang"].locale
        )
        with pytest.raises(ValidationError) as error:
            district.full_clean()
        assert error.value.message_dict["code"] == ["区(县)的区划代码应为 6 位。"]

    def test_full_name_walks_up_the_tree(self, regions):
        assert regions["dongting"].full_name == "武昌区 水果湖街道 东亭社区"
