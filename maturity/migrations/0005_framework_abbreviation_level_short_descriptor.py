from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("maturity", "0004_dimension_code_as_lessons_v1_writes_it")]

    operations = [
        migrations.AddField(
            model_name="framework",
            name="abbreviation",
            field=models.CharField(
                default="",
                help_text="The letters that start every label of its levels, for example “QIOF”.",
                max_length=12,
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="level",
            name="short_descriptor",
            field=models.CharField(
                default="",
                help_text=(
                    "A few words that end the level's label, for example “delivering to teams”."
                ),
                max_length=60,
            ),
            preserve_default=False,
        ),
    ]
