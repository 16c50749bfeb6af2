package dev.gsync.core.model;

/**
 * How a private Google event lands in the CRM. PUBLIC is the default because the system gsync replaces documents
 * that behaviour and users rely on it; PRIVATE keeps it private.
 */
public enum PrivateLanding {
    PUBLIC, PRIVATE
}
