/**
 * Partitions over a device's {@code Flash}, usable without OSGi: {@link
 * org.flashstack.partitions.PartitionSpec} says what a partition is, {@link
 * org.flashstack.partitions.PartitionLayout} keeps the partitions of the framework apart (no
 * overlap on a device, unique names and driver numbers), {@link
 * org.flashstack.partitions.Partition} is one partition and {@link
 * org.flashstack.partitions.PartitionAsyncSpiFlash} its userland API.
 */
@Export
@Version("1.0.0")
package org.flashstack.partitions;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
