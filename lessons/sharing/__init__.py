"""Sharing a lesson through the guided form at /lessons/share/.

- rules: who may share, starting a draft, saving each step as a revision, what is missing,
  linking, submitting (the model side; the views call only these);
- forms, list_forms: one form per step (list_forms: the steps that hold lists);
- views: the steps; checking: "Check your answers", preview, submit, withdraw, "My lessons".
"""
