package org.flashstack.fuzz;

/** What a refusal must be to count as one: an exception with a message saying what is wrong. */
final class Findings {

  /** How long each target is fuzzed in a bounded run (JAZZER_FUZZ set); CI runs them all. */
  static final String BOUND = "10s";

  private Findings() {}

  /** A refusal without a message is a finding. */
  static void named(Exception e) {
    if (e.getMessage() == null || e.getMessage().isBlank()) {
      throw new IllegalStateException("a refusal without a message", e);
    }
  }
}
