/** The partitions' DS components. */
package org.flashstack.partitions.internal;
