"""Stage: prepress — what turns a drawn page into a file a printing plant's RIP accepts.

Photos are separated to CMYK for newsprint through the layout's output profile and held under
the total ink limit (`photos`, `ink`); crop marks are placed outside the bleed (`marks`); the
written PDF gets its PDF/X-4 output intent, metadata and identifier (`pdfx`). Settings come
from the layout's `print:` section (`settings`). Nothing here imports ReportLab: the renderer
calls in, and hands the finished file to `pdfx.finish` before it replaces the target.

Sources: typesetting reference §5 (print), ISO 15930-7 (PDF/X-4), ISO 12647-3 and WAN-IFRA
(coldset newsprint: total ink 240 %, tone value increase 26 % at 40 %).
"""

from printer.prepress.settings import Press, press_for

__all__ = ["Press", "press_for"]
