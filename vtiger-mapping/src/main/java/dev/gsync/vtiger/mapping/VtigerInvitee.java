package dev.gsync.vtiger.mapping;

/** An invited vtiger user as stored (vtiger_invitees joined with vtiger_users): vtiger invites users only. */
public record VtigerInvitee(int userId, String email, String name, String status) {}
