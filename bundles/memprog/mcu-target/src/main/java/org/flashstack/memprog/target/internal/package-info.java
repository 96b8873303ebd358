/** The target component, its configuration and the partition and device regions. */
package org.flashstack.memprog.target.internal;
