"""Evidence files on the site: a lesson's authors upload them (/lessons/share/<id>/files/),
and whoever may open them (EvidenceFile.objects.openable_by) downloads them through the
private-file view (/lessons/evidence-files/<id>/); everyone else gets "not found"."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from core.private_files import PrivateFileField, PrivateFileView
from lessons.models import EvidenceFile
from lessons.sharing.views import champions_only

evidence_file = PrivateFileView.as_view(
    readable=EvidenceFile.objects.openable_by, field="file", download_name="evidence"
)


class EvidenceFileForm(forms.Form):
    title = forms.CharField(
        label="What the file is",
        help_text="For example “Huddle log, March to May” or “Board paper, June 2025”.",
        max_length=200,
        error_messages={"required": "Enter what the file is"},
    )
    file = PrivateFileField(
        label="The file",
        noun="evidence file",
        help_text="A PDF, Word, Excel or PowerPoint file, or an image.",
        error_messages={"required": "Choose the file to upload"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].max_bytes = settings.LESSON_EVIDENCE_MAX_BYTES  # read when asked


@champions_only
@require_http_methods(["GET", "POST"])
def evidence_files(request, lesson):
    """The lesson's evidence files: its authors add and remove them."""
    form = EvidenceFileForm()
    if request.method == "POST" and "remove" in request.POST:
        removed = request.POST["remove"]
        if removed.isdigit():
            for kept in EvidenceFile.objects.filter(lesson=lesson, pk=removed):
                kept.file.delete(save=False)
                kept.delete()
                messages.success(request, f"“{kept.title}” was removed.")
        return redirect("lessons:share_files", lesson.pk)
    if request.method == "POST":
        form = EvidenceFileForm(request.POST, request.FILES)
        if form.is_valid():
            added = EvidenceFile(
                lesson=lesson, title=form.cleaned_data["title"], added_by=request.user
            )
            added.file.save(form.cleaned_data["file"].name, form.cleaned_data["file"], save=True)
            messages.success(request, f"“{added.title}” was added.")
            return redirect("lessons:share_files", lesson.pk)
    return TemplateResponse(
        request,
        "lessons/share/evidence_files.html",
        {"lesson": lesson, "form": form, "files": list(lesson.evidence_files.all())},
        status=400 if form.errors else 200,
    )
