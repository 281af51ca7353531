"""packet: a reading group's curriculum, printed.

The pipeline runs one way: curriculum.yaml -> Curriculum (curriculum.py)
-> fetched Resource (fetch/) -> Article (extract/) -> HTML -> PDF (render/),
with the run-sheet schedule (schedule.py) computed beside it.
"""

__version__ = "0.1.0"
