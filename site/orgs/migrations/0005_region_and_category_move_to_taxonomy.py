"""Region and Category now belong to the taxonomy app (see taxonomy 0001): state only,
the tables and foreign keys in the database are unchanged."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0004_choice_labels_msgids"),
        ("taxonomy", "0001_initial"),
        ("cases", "0003_region_moves_to_taxonomy"),  # nothing may point at orgs.Region then
    ]

    state_operations = [
        migrations.AlterField(
            model_name="organizationpage",
            name="category",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="organizations", to="taxonomy.category", verbose_name="类别"),
        ),
        migrations.AlterField(
            model_name="organizationpage",
            name="region",
            field=models.ForeignKey(help_text="一般选择社区(村)；街道层面的枢纽型组织可选择街道。", on_delete=django.db.models.deletion.PROTECT, related_name="organizations", to="taxonomy.region", verbose_name="所在区域"),
        ),
        migrations.DeleteModel(name="Category"),
        migrations.DeleteModel(name="Region"),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
