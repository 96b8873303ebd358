/** The flash virtualizer's implementation: device queues, the driver binder, the user Flash. */
package org.flashstack.virtualizer.internal;
