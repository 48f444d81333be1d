package io.switchboard.stats;

/**
 * Outbound delivery for a range. Each figure counts the events that happened in the range (an event
 * is counted on the local day it happened), so a message created on one day and read on the next
 * adds to "sent" on the first and to "read" on the second. Near a range's edges a rate can therefore
 * pass 100 %; over whole histories it cannot.
 */
public record DeliveryFunnel(long outbound, long attempted, long sent, long delivered, long read, long failed) {
    public static final String SENT_DEFINITION = "Outbound messages WhatsApp accepted (sent, delivered or read), counted on the day they were accepted.";
    public static final String DELIVERED_DEFINITION = "Messages that reached the customer's phone, including those read (WhatsApp may report read without delivered).";
    public static final String READ_DEFINITION = "Messages with a read receipt. A lower bound: customers can turn read receipts off.";
    public static final String FAILED_DEFINITION = "Messages whose status is failed now (a later delivered or read wins), counted on the day they failed.";
    public static final String DELIVERY_RATE_DEFINITION = "Delivery rate = delivered (including read) / sent.";
    public static final String READ_RATE_DEFINITION = "Read rate = read / delivered. A lower bound: read receipts can be switched off.";
    public static final String FAILURE_RATE_DEFINITION = "Failure rate = failed / attempted, where attempted = messages that left the outbox for good (sent or failed).";

    public Rate deliveryRate() {
        return new Rate(delivered, sent);
    }

    public Rate readRate() {
        return new Rate(read, delivered);
    }

    public Rate failureRate() {
        return new Rate(failed, attempted);
    }
}
