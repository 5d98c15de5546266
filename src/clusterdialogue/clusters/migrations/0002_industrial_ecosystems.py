"""The EU's 14 industrial ecosystems (2021 update of the EU industrial strategy)."""

from django.db import migrations
from django.utils.text import slugify

ECOSYSTEMS = [
    "Aerospace and defence",
    "Agri-food",
    "Construction",
    "Cultural and creative industries",
    "Digital",
    "Electronics",
    "Energy-intensive industries",
    "Energy – renewables",
    "Health",
    "Mobility – transport – automotive",
    "Proximity, social economy and civil security",
    "Retail",
    "Textiles",
    "Tourism",
]


def create(apps, schema_editor):
    model = apps.get_model("clusters", "IndustrialEcosystem")
    for name in ECOSYSTEMS:
        model.objects.get_or_create(code=slugify(name), defaults={"name": name})


def remove(apps, schema_editor):
    apps.get_model("clusters", "IndustrialEcosystem").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("clusters", "0001_initial")]
    operations = [migrations.RunPython(create, remove)]
