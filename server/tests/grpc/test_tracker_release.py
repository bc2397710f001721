"""The tracker's items set aside: an item held back on two keys (its device and its call) by the same earlier
item is applied once when that item goes, and the tracker goes on; it used to be queued twice and the second
look at it stopped the tracker's consumer with a KeyError (seen as a tracker that no longer applied events)."""

from __future__ import annotations

from grpc_stack import Stack

from callwire_server.tracker.inbox import Waiting


async def test_an_item_held_back_on_two_keys_by_the_same_item_is_applied_once(stack: Stack) -> None:
    inbox = stack.core.calls._inbox
    applied: list[str] = []
    offer = Waiting(frozenset({"d:102", "c:7"}), "102", None)  # waits for its user data
    answer = Waiting(frozenset({"d:102", "c:7"}), "102", lambda: applied.append("answer"))
    later = Waiting(frozenset({"d:102"}), "102", lambda: applied.append("later"))
    for item in (offer, answer, later):
        inbox.set_aside(item)
    offer.run = lambda: applied.append("offer")  # its user data arrived
    inbox.release(offer)
    assert applied == ["offer", "answer", "later"]
    assert not inbox.waiting
