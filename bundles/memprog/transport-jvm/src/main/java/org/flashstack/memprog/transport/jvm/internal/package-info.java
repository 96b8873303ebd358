/** The RAM components and the {@code jvm:} transport service. */
package org.flashstack.memprog.transport.jvm.internal;
