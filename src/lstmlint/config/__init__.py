"""Settings of a run: config files, command line, and which Keras each file is judged under."""
