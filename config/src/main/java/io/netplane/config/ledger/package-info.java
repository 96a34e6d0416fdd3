/**
 * The IP ledger: IPs of a vSwitch that are promised to pods while the cloud's free count does not
 * show them taken yet. Pure (no clock: times are passed in).
 *
 * <p>One vocabulary for both ledgers netplane keeps. A <em>reservation</em> is one IP of a vSwitch
 * set aside for a pod; to <em>reserve</em> adds it, to <em>release</em> gives it back. {@link
 * io.netplane.config.ledger.IpLedger} counts reservations per vSwitch and tells the free IPs left
 * after them: a snapshot reserves one IP for each pod bound to a node that does not hold its IP yet
 * (in-flight reservations), and a request reserves the IPs held for other pods on top. {@link
 * io.netplane.config.ledger.PodReservations} keeps the reservations of pods that passed the filter
 * but are not bound yet, one per pod, each until it expires or is released; every release says
 * which vSwitches it gave back, so that the caller can tell the pods that waited on them.
 */
package io.netplane.config.ledger;
