"""The ofsc code generator: Oracle's Swagger 2.0 spec in, the ``ofsc_generated`` package out.

Stages, each its own module: :mod:`.load` -> :mod:`.normalise` -> :mod:`.name` ->
:mod:`.render` -> :mod:`.format`. :mod:`.pipeline` runs them in order.
"""
