package dev.gsync.vtiger.mapping;

import io.vavr.collection.Seq;

import java.util.Map;

/**
 * What to store for an item: values under vtiger's webservice field names ({@code reminder_time} in minutes to store,
 * 0 = none), and every value changed on the way (emoji replaced, text cut, ...), for the run report.
 */
public record Fitted(Map<String, String> fields, Seq<String> notices) {}
