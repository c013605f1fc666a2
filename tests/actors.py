"""The people and chats of the scenario tests."""

from bot.simulator import Chat, User

SEC = User(1, "秘书处 王", "sec_wang")
CHAIR = User(2, "主席 陈", "chair_chen")
LI = User(3, "李伟", "liwei")
ZHANG = User(4, "张敏", "zhangmin")
ZHAO = User(5, "赵强", "zhaoqiang")
NOBODY = User(6, "路人", "passerby")
NO_USERNAME = User(7, "无名")

GROUP = Chat(-100111, "闸阀起草组")
OTHER_GROUP = Chat(-100222, "球阀起草组")
FORUM = Chat(-100333, "联盟工作区", forum=True)
SUN = User(8, "孙磊", "sunlei")  # 上海阀门研究所
LI_DEPUTY = User(9, "李副", "li_deputy")  # a second representative of 朝达
