package dev.gsync.core.model;

/** The two calendars gsync keeps in step. */
public enum Side {
    CRM, GOOGLE;

    public Side other() {
        return this == CRM ? GOOGLE : CRM;
    }
}
