package org.flashstack.virtualizer.internal;

import java.util.Map;

/** Where the virtualizer's notifications go: Event Admin in the framework, nowhere without it. */
public interface EventSink {

  /** Drops everything. */
  EventSink NONE =
      new EventSink() {
        @Override
        public boolean operationsWanted() {
          return false;
        }

        @Override
        public void post(String topic, Map<String, Object> properties) {}
      };

  /**
   * @return whether anyone subscribes to the per-operation topics (read once per operation)
   */
  boolean operationsWanted();

  /** Posts (asynchronously) one event. */
  void post(String topic, Map<String, Object> properties);
}
