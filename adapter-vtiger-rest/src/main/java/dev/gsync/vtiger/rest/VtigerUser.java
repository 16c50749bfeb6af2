package dev.gsync.vtiger.rest;

import java.util.Objects;

/** A vtiger login: user name and access key. {@link AccessKey} keeps the key out of toString. */
public record VtigerUser(String userName, AccessKey accessKey) {
    public VtigerUser {
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(accessKey, "accessKey");
        if (userName.isBlank()) throw new IllegalArgumentException("blank user name");
    }
}
