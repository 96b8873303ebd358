package org.flashstack.partitions.internal;

import java.util.List;
import org.flashstack.partitions.PartitionLayout;
import org.flashstack.partitions.PartitionSpec;
import org.osgi.service.component.annotations.Component;

/** The framework's one partition layout, which every partition takes its place in. */
@Component(service = PartitionLayoutComponent.class)
public final class PartitionLayoutComponent {

  private final PartitionLayout layout = new PartitionLayout();

  /** Takes the partition's place, or refuses naming what is in the way. */
  void add(PartitionSpec spec) {
    layout.add(spec);
  }

  /** Gives the place back. */
  void remove(PartitionSpec spec) {
    layout.remove(spec);
  }

  /**
   * @return the partitions up, by device and offset
   */
  public List<PartitionSpec> partitions() {
    return layout.partitions();
  }
}
