"""Campaigns and the value story: /impact/ (what case studies changed, in totals and
breakdowns), the case study of the month and the value proposition's key messages."""
