/**
 * Partitions of flash devices (seed 000's flash partition capsule and its userland API). A {@link
 * org.flashstack.api.partition.FlashPartition} is a named region of one device, reached only
 * through the device's {@code Flash} (so it keeps working while drivers come and go), with
 * partition-relative offsets and every range checked. {@link
 * org.flashstack.api.partition.AsyncSpiFlash} is the userland view of one partition, as seed 000's
 * AsyncSpiFlash: every call returns a {@code CompletableFuture}. Both are services, one per
 * partition, with the properties of {@link org.flashstack.api.partition.PartitionProperties}.
 */
@Export
@Version("1.0.0")
package org.flashstack.api.partition;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
