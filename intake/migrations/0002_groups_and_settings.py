"""Create the staff groups and the triage settings row.

Permissions normally appear only after ``migrate`` finishes (post_migrate
signal), so they are created here first for every app in this migration's
state.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

INTAKE_STAFF = {
    "intake": [
        "view_casereview", "change_casereview",
        "add_casenote", "view_casenote",
        "view_notification",
        "view_statereviewdeadline",
        "view_intakesettings",
    ],
}
EDITORS = {
    "articles": [
        f"{action}_{model}"
        for model in ("topic", "person", "article", "reference")
        for action in ("add", "change", "view", "delete")
    ],
    "cerebral_info": ["view_firmdetails"],
}
GROUPS = {"Intake staff": INTAKE_STAFF, "Editors": EDITORS}


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, by_app in GROUPS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        for app_label, codenames in by_app.items():
            permissions = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
            group.permissions.add(*permissions)

    apps.get_model("intake", "IntakeSettings").objects.get_or_create(pk=1)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0001_initial"),
        ("articles", "0001_initial"),
        ("cerebral_info", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
