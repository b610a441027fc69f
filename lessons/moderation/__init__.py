"""Review before publishing, and what each person sees of lessons in the Wagtail admin.

- workflow: the "Network review" workflow, who reviews a lesson, where a lesson stands, and a
  champion's submit and withdraw;
- emails: the review emails (tasks) and the handlers that send them instead of Wagtail's;
- finish: publishing an approved lesson (settings.WAGTAIL_FINISH_WORKFLOW_ACTION);
- admin_scope, admin_views, admin_urls: the admin narrowed to the pages a person may work on.

The review task itself is a model (lessons.models.review).
"""
