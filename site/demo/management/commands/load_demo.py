from django.core.management.base import BaseCommand, CommandError

from demo.loader import DemoLoader


class Command(BaseCommand):
    help = "Builds the demo site from the policy documents (safe to run again: changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--orgs",
            type=int,
            default=0,
            metavar="N",
            help="Also make sure N generated organizations exist (with notices and records), for scale.",
        )

    def handle(self, *args, orgs, **options):
        if orgs < 0:
            raise CommandError("--orgs must be zero or more.")
        created = DemoLoader(log=self.stdout.write).run()
        if orgs:
            from demo.scale import generate_organizations

            generated = generate_organizations(orgs, log=self.stdout.write)
            created.update(generated)
            if generated:
                self.stdout.write(
                    "generated rows (zh-hans and their zh-hant twins) bypass the search "
                    "index: run `manage.py rebuild_search`"
                )
        if created:
            for kind, number in created.items():
                self.stdout.write(f"created {number} {kind}")
        else:
            self.stdout.write("demo content already present: nothing to do")
