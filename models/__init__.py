"""Trained artefacts with the scripts that rebuild them; installed as the package `pipeline.models`."""
