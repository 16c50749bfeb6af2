package dev.gsync.core.model;

/** Which private items may cross, and which way. */
public enum PrivateEvents {
    SYNC_ALL, ONLY_TO_GOOGLE, ONLY_TO_CRM, NONE;

    public boolean mayCross(Side to) {
        return switch (this) {
            case SYNC_ALL -> true;
            case ONLY_TO_GOOGLE -> to == Side.GOOGLE;
            case ONLY_TO_CRM -> to == Side.CRM;
            case NONE -> false;
        };
    }
}
