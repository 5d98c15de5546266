from django.contrib import admin

from clusterdialogue.statistics.models import Dataset, Industry, MappingResult, Observation


@admin.register(Dataset)
class DatasetAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "file_name", "imported_at", "observation_count"]
    readonly_fields = ["imported_at", "observation_count"]


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):
    list_display = ["code", "scheme", "name_en"]
    list_filter = ["scheme", "section"]
    search_fields = ["code", "name_en", "name_fr", "name_de", "name_it", "name_es", "name_nl"]


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin):
    list_display = ["dataset", "region", "industry", "indicator", "year", "value", "flag"]
    list_filter = ["dataset", "indicator", "year"]
    search_fields = ["region__code", "industry__code"]
    raw_id_fields = ["region", "industry"]
    show_full_result_count = False


@admin.register(MappingResult)
class MappingResultAdmin(admin.ModelAdmin):
    list_display = ["region", "category", "year", "level", "employment", "lq", "stars", "strong"]
    list_filter = ["scheme", "level", "year", "stars"]
    search_fields = ["region__code", "category__code"]
    raw_id_fields = ["region", "category"]
    show_full_result_count = False
