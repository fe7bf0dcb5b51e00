"""CasePage.region points at taxonomy.Region (the same table as before): state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_initial"),
        ("taxonomy", "0001_initial"),
    ]

    state_operations = [
        migrations.AlterField(
            model_name="casepage",
            name="region",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="cases", to="taxonomy.region", verbose_name="所在社区"),
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
