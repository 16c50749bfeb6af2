package dev.gsync.core.arch;

/** A core class that breaks the rule on purpose, to show the rule bites. Test sources only. */
class LeakyPlanner {
    java.sql.Connection connection;
}
