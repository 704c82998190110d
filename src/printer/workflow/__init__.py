"""Stage: workflow — the newsroom's loops around the build: watch, diff and batch.

- `warm`: a build that keeps fonts, layout specs and photo headers cached across rebuilds;
- `summary` and `report`: a small JSON summary of a built page and the change report between
  two of them;
- `watch`: rebuild on every save of the content, the layout or a photo;
- `pdfdiff`: the changed areas of two PDFs, as boxes on a PNG;
- `manifest`, `batch`, `progress`, `contact`: many editions at once across worker processes,
  skipping those whose inputs have not changed, with a contact sheet for the desk;
- `files`: atomic writes and input fingerprints; `sandbox`: a throwaway project copy.
"""
