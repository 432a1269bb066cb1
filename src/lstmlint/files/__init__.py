"""Which files a run reads: discovery on disk, and notebooks as programs."""
