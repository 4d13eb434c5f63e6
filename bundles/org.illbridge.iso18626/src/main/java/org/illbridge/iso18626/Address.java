package org.illbridge.iso18626;

/**
 * Either an electronic or a physical address (exactly one is non-null).
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record Address(
    ElectronicAddress electronicAddress,
    PhysicalAddress physicalAddress) {
}
