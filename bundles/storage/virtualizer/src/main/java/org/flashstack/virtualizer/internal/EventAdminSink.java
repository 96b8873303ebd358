package org.flashstack.virtualizer.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.flashstack.api.flash.FlashEvents;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;

/**
 * Posts to Event Admin, and knows from the event handlers' {@code event.topics} whether anyone
 * subscribes to the per-operation topics.
 */
final class EventAdminSink implements EventSink {

  private static final List<String> OPERATION_TOPICS =
      List.of(FlashEvents.OPERATION_COMPLETED, FlashEvents.OPERATION_FAILED);

  private final EventAdmin admin;
  private final Map<Object, Boolean> handlers = new ConcurrentHashMap<>();
  private volatile boolean operationsWanted;

  EventAdminSink(EventAdmin admin) {
    this.admin = admin;
  }

  /** A handler arrived or changed its topics ({@code key} identifies it). */
  void handler(Object key, Object topics) {
    handlers.put(key, wantsOperations(topics));
    operationsWanted = handlers.containsValue(Boolean.TRUE);
  }

  /** A handler left. */
  void handlerGone(Object key) {
    handlers.remove(key);
    operationsWanted = handlers.containsValue(Boolean.TRUE);
  }

  /**
   * Whether an {@code event.topics} value (String, String[] or Collection) covers an operation
   * topic.
   */
  static boolean wantsOperations(Object topics) {
    if (topics instanceof String one) {
      return covers(one);
    }
    if (topics instanceof String[] many) {
      for (String one : many) {
        if (covers(one)) {
          return true;
        }
      }
      return false;
    }
    if (topics instanceof Collection<?> many) {
      return many.stream().anyMatch(one -> covers(String.valueOf(one)));
    }
    return false;
  }

  private static boolean covers(String pattern) {
    String p = pattern.trim();
    for (String topic : OPERATION_TOPICS) {
      if (p.equals("*")
          || p.equals(topic)
          || p.endsWith("/*") && topic.startsWith(p.substring(0, p.length() - 1))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean operationsWanted() {
    return operationsWanted;
  }

  @Override
  public void post(String topic, Map<String, Object> properties) {
    admin.postEvent(new Event(topic, properties));
  }

  /** The service property an event handler lists its topics in. */
  static final String TOPICS = EventConstants.EVENT_TOPIC;
}
