from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("lessons", "0013_children_in_the_order_given"),
    ]

    operations = [
        # Lessons that exist already had their network chosen (or were made in the admin or
        # imported): they keep it. New ones start unanswered.
        migrations.AddField(
            model_name="lessonpage",
            name="network_chosen",
            field=models.BooleanField(default=True, editable=False),
        ),
        migrations.AlterField(
            model_name="lessonpage",
            name="network_chosen",
            field=models.BooleanField(default=False, editable=False),
        ),
    ]
