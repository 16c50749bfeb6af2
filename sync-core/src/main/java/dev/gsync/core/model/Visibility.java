package dev.gsync.core.model;

/** Google's "private" and "confidential" both map to PRIVATE; everything else is PUBLIC. */
public enum Visibility {
    PUBLIC, PRIVATE
}
