package org.flashstack.update.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.flashstack.api.partition.FlashPartition;
import org.flashstack.api.update.BootDecision;
import org.flashstack.api.update.FirmwareUpdate;
import org.flashstack.api.update.SlotStatus;
import org.flashstack.api.update.UpdateException;
import org.flashstack.api.update.UpdateStatus;
import org.flashstack.update.AbUpdate;
import org.flashstack.update.PartitionRegion;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * A board's A/B update per factory configuration, over the partitions it names as they are at each
 * step (a partition that is not there makes the step refuse, naming it).
 */
@Component(
    configurationPid = UpdateComponent.FACTORY_PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = UpdateConfiguration.class, factory = true)
public final class UpdateComponent implements FirmwareUpdate {

  /** The factory PID of A/B updates. */
  public static final String FACTORY_PID = "org.flashstack.update";

  private final UpdateConfiguration configuration;
  private final Map<String, FlashPartition> partitions = new ConcurrentHashMap<>();
  private AbUpdate update;
  private String layout = "";

  @Activate
  public UpdateComponent(UpdateConfiguration configuration) {
    if (configuration.maxAttempts() < 1) {
      throw new IllegalArgumentException(
          "maxAttempts = " + configuration.maxAttempts() + ": a trial image needs 1 or more");
    }
    this.configuration = configuration;
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindFlashPartition(FlashPartition partition) {
    partitions.put(partition.name(), partition);
  }

  void unbindFlashPartition(FlashPartition partition) {
    partitions.remove(partition.name(), partition);
  }

  /** The update over the partitions as they are now (made again when one of them changed). */
  private synchronized AbUpdate update() throws UpdateException {
    FlashPartition a = partition(configuration.slotA());
    FlashPartition b = partition(configuration.slotB());
    FlashPartition r = partition(configuration.recovery());
    String now =
        System.identityHashCode(a)
            + "/"
            + System.identityHashCode(b)
            + "/"
            + System.identityHashCode(r);
    if (update == null || !now.equals(layout)) {
      try {
        update =
            new AbUpdate(
                new PartitionRegion(a),
                new PartitionRegion(b),
                new PartitionRegion(r),
                configuration.maxAttempts());
      } catch (IllegalArgumentException e) {
        throw new UpdateException(UpdateException.Reason.NOT_APPLICABLE, e.getMessage());
      }
      layout = now;
    }
    return update;
  }

  private FlashPartition partition(String name) throws UpdateException {
    FlashPartition partition = partitions.get(name);
    if (partition == null) {
      throw new UpdateException(
          UpdateException.Reason.NOT_APPLICABLE,
          "partition '" + name + "' is not there (is the board up? part:list shows what is)");
    }
    return partition;
  }

  @Override
  public SlotStatus stage(byte[] image) throws UpdateException {
    return update().stage(image);
  }

  @Override
  public SlotStatus provisionRecovery(byte[] image) throws UpdateException {
    return update().provisionRecovery(image);
  }

  @Override
  public SlotStatus activate() throws UpdateException {
    return update().activate();
  }

  @Override
  public SlotStatus confirm() throws UpdateException {
    return update().confirm();
  }

  @Override
  public BootDecision boot() throws UpdateException {
    return update().boot();
  }

  @Override
  public UpdateStatus status() throws UpdateException {
    return update().status();
  }
}
