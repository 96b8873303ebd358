package org.flashstack.partitions.internal;

import java.util.List;
import java.util.Map;
import org.flashstack.api.flash.FlashEvents;
import org.flashstack.partitions.PartitionLayout;
import org.flashstack.partitions.PartitionSpec;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * The framework's one partition layout, which every partition takes its place in; each change is
 * posted on {@link FlashEvents#PARTITION_TABLE_CHANGED} when Event Admin is there.
 */
@Component(service = PartitionLayoutComponent.class)
public final class PartitionLayoutComponent {

  private final PartitionLayout layout = new PartitionLayout();
  private volatile EventAdmin events;

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindEventAdmin(EventAdmin admin) {
    events = admin;
  }

  void unbindEventAdmin(EventAdmin admin) {
    if (events == admin) {
      events = null;
    }
  }

  /** Takes the partition's place, or refuses naming what is in the way. */
  void add(PartitionSpec spec) {
    layout.add(spec);
  }

  /** The partition is up: announces it. */
  void announceAdded(PartitionSpec spec) {
    announce(spec, "added");
  }

  /** Gives the place back and announces it. */
  void remove(PartitionSpec spec, boolean wasUp) {
    layout.remove(spec);
    if (wasUp) {
      announce(spec, "removed");
    }
  }

  private void announce(PartitionSpec spec, String change) {
    EventAdmin admin = events;
    if (admin != null) {
      admin.postEvent(
          new Event(
              FlashEvents.PARTITION_TABLE_CHANGED,
              Map.of(
                  FlashEvents.PARTITION,
                  spec.name(),
                  FlashEvents.DEVICE,
                  spec.device(),
                  FlashEvents.CHANGE,
                  change)));
    }
  }

  /**
   * @return the partitions up, by device and offset
   */
  public List<PartitionSpec> partitions() {
    return layout.partitions();
  }
}
