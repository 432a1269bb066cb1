"""Running a check: one file's analysis, many files across processes, the result cache, progress."""
