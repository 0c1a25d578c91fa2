"""Stage 3 of the pipeline: plans (KẾ HOẠCH) and their activity windows.

``phrases`` reads time phrases into ``window.Window``; ``workdays`` moves deadlines off
weekends and holidays; ``load`` reads plan files; ``templates`` writes new dated plans.
"""
