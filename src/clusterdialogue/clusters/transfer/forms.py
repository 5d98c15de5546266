"""The import page's form: one uploaded CSV or XLSX file, small enough to keep in the session."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

#: Uploads kept in the session between the check and the confirmation stay small.
MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class ImportUploadForm(forms.Form):
    """A file of cluster profiles to check, and whether to import its valid rows only."""

    file = forms.FileField(
        label=gettext_lazy("CSV or XLSX file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    skip_invalid = forms.BooleanField(
        required=False,
        label=gettext_lazy("Import the valid rows even when some rows are rejected"),
    )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB; split it or use the command line.")
                % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload
