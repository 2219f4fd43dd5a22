"""The application service, split by concern; `app.services.AssessmentService` puts them together.

- `core`: opening, the unit of work per operation, the revision-checked answer cache, reading
  and scoring an assessment;
- `records`: enterprises and assessments (create, list, import, next year, delete);
- `autosave`: one answer at a time, judged against the stored revision;
- `evidence`, `filings`, `backups`: files attached, filings exported and recorded, backups.
"""
