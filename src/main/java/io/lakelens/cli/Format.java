package io.lakelens.cli;

/** Output formats of commands that print rows. */
public enum Format {
    TABLE, CSV, JSON
}
