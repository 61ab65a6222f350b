"""The seed programmes as Open edX courses, built from YAML outlines by build.py."""
