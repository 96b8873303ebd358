/**
 * Partition tables in the forms users bring and take away, plain Java (no OSGi needed): ESP-IDF's
 * CSV and binary tables as {@code gen_esp32part.py} 1.5 reads and writes them ({@link
 * org.flashstack.partitions.table.EspPartitionTable}), Linux's {@code mtdparts=} strings ({@link
 * org.flashstack.partitions.table.Mtdparts}), and the conversion of both to and from the native
 * form, one partition factory configuration each ({@link
 * org.flashstack.partitions.table.NativePartitions}). {@link
 * org.flashstack.partitions.table.Esp32Part} is a command-line entry point that behaves like {@code
 * gen_esp32part.py}.
 */
@Export
@Version("1.0.0")
package org.flashstack.partitions.table;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
