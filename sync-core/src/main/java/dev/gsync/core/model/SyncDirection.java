package dev.gsync.core.model;

/** Which way items flow. One-way modes never write to their source side. */
public enum SyncDirection {
    CRM_TO_GOOGLE, GOOGLE_TO_CRM, BIDIRECTIONAL;

    public boolean writesTo(Side side) {
        return switch (this) {
            case CRM_TO_GOOGLE -> side == Side.GOOGLE;
            case GOOGLE_TO_CRM -> side == Side.CRM;
            case BIDIRECTIONAL -> true;
        };
    }
}
