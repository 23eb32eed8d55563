from django.db import migrations


def create_rows(apps, schema_editor):
    apps.get_model("cerebral_info", "ContentGeneration").objects.get_or_create(pk=1, defaults={"value": 1})
    apps.get_model("cerebral_info", "FirmDetails").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("cerebral_info", "0001_initial")]

    operations = [migrations.RunPython(create_rows, migrations.RunPython.noop)]
